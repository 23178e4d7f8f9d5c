/** Page model of «Søknader» (the pipeline) and the application section on a grant's page. */
import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

export class ApplicationsPage extends AppPage {
  async open(): Promise<void> {
    await this.nav('Søknader');
  }

  async showAs(view: 'Liste' | 'Kolonner'): Promise<void> {
    await this.button(view).click();
    await this.page.locator(`button[aria-pressed="true"]`, { hasText: view }).waitFor();
  }

  /** The list view's row of one application. */
  row(title: string): Locator {
    return this.table('Søknader').getByRole('row').filter({ hasText: title });
  }

  /** The columns view's column for a status («Utkast», «Søkt» …). */
  column(status: string): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^${status} \\d+$`) });
  }

  /** Moves an application with the «Flytt til …» choice, confirming the dialog. */
  async moveTo(title: string, status: string): Promise<void> {
    await this.page.getByRole('combobox', { name: `Flytt «${title}» til status` }).selectOption({
      label: status,
    });
    await this.button('Lagre', this.dialog()).click();
    await this.dialog().waitFor({ state: 'hidden' });
  }

  /** The scenario table on a grant's page. */
  scenarios(): Locator {
    return this.table('Scenarioer');
  }

  async addScenario(name: string, amount: string, description = ''): Promise<void> {
    await this.button('Legg til scenario').click();
    const dialog = this.dialog();
    await this.fill({ 'Navn på scenario': name, Beløp: amount }, dialog);
    if (description) await this.fill({ Beskrivelse: description }, dialog);
    await this.button('Lagre', dialog).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.scenarios().getByRole('row').filter({ hasText: name }).waitFor();
  }

  warnings(): Locator {
    return this.page.getByRole('status', { name: 'Advarsler' });
  }

  /** True when the page is wider than the window (a horizontal page scroll). */
  async scrollsSideways(): Promise<boolean> {
    return (await this.page.evaluate(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth',
    )) as boolean;
  }
}
