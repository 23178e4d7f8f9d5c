/** Page model for the member-centre register (list, form, detail). */
import type { Locator, Page } from 'playwright-core';

export interface CentreFormValues {
  name?: string;
  driftsform?: string;
  region?: string;
  dailyLeader?: string;
  contactEmail?: string;
  orgNumber?: string;
  joinedDate?: string;
}

export class CentresPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Medlemssentre' }).click();
    await this.heading().filter({ hasText: 'Medlemssentre' }).waitFor();
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'Nytt medlemssenter' }).first().click();
    await this.heading().filter({ hasText: 'Nytt medlemssenter' }).waitFor();
  }

  async fill(values: CentreFormValues): Promise<void> {
    const p = this.page;
    if (values.name !== undefined)
      await p.getByLabel('Navn', { exact: false }).first().fill(values.name);
    if (values.driftsform !== undefined)
      await p.getByLabel('Driftsform').selectOption({ label: values.driftsform });
    if (values.region !== undefined)
      await p.getByLabel('Region').selectOption({ label: values.region });
    if (values.dailyLeader !== undefined)
      await p.getByLabel('Daglig leder').fill(values.dailyLeader);
    if (values.contactEmail !== undefined)
      await p.getByLabel('Kontakt-e-post').fill(values.contactEmail);
    if (values.orgNumber !== undefined)
      await p.getByLabel('Organisasjonsnummer').fill(values.orgNumber);
    if (values.joinedDate !== undefined)
      await p.getByLabel('Medlem fra (valgfritt)').fill(values.joinedDate);
  }

  /** Submits the form from the keyboard, as a user typing through it would. */
  async submitWithEnter(): Promise<void> {
    await this.page.getByLabel('Navn', { exact: false }).first().press('Enter');
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lagre' }).first().click();
  }

  /** The inline error under the field with this label (required fields show "Navn *"). */
  fieldError(label: string): Locator {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const labelEl = this.page.locator('label', { hasText: new RegExp(`^${escaped}( \\*)?$`) });
    return this.page.locator('.field').filter({ has: labelEl }).getByRole('alert');
  }

  rows(): Locator {
    return this.page.getByRole('table', { name: 'Medlemssentre' }).locator('tbody tr');
  }

  async openCentre(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).click();
    await this.heading().filter({ hasText: name }).waitFor();
  }

  membershipRows(): Locator {
    return this.page.getByRole('table', { name: 'Medlemskap' }).locator('tbody tr');
  }

  async addMembership(joined: string, left = ''): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Legg til medlemsperiode' });
    await form.getByLabel('Medlem fra').fill(joined);
    await form.getByLabel('Medlem til').fill(left);
    await form.getByRole('button', { name: 'Lagre' }).click();
  }

  detail(label: string): Locator {
    return this.page
      .locator('dl.details dt', { hasText: label })
      .locator('xpath=following-sibling::dd[1]');
  }
}
