/**
 * Page model for a grant's ledger: recording a movement (with the warning before saving)
 * and «Korriger» on one row of the movements table.
 */
import type { Locator, Page } from 'playwright-core';
import { AppPage } from './AppPage';

export class GrantLedgerPage extends AppPage {
  constructor(page: Page) {
    super(page);
  }

  async open(origin: string, grantId: number, title: string): Promise<void> {
    await this.page.goto(`${origin}/#/grants/${grantId}`);
    await this.waitForHeading(title);
    await this.tab('Bevegelser');
  }

  recordForm(): Locator {
    return this.form('Registrer bevegelse');
  }

  /** Opens the record form (a dialog), fills it and presses «Registrer bevegelse». */
  async record(values: { type: string; date: string; amount: string }): Promise<void> {
    await this.button('Registrer bevegelse').click();
    const form = this.recordForm();
    await this.select({ 'Type bevegelse': values.type }, form);
    await this.fill({ Dato: values.date, Beløp: values.amount }, form);
    await this.button('Registrer bevegelse', form).click();
  }

  /** The warning shown before saving. */
  warning(): Locator {
    return this.recordForm().getByRole('alert', { name: 'Advarsel før lagring' });
  }

  async saveAnyway(reason: string): Promise<void> {
    await this.fill({ 'Begrunnelse for å lagre likevel': reason }, this.warning());
    await this.button('Lagre likevel', this.warning()).click();
  }

  movementRow(text: RegExp): Locator {
    return this.table('Bevegelser').getByRole('row').filter({ hasText: text });
  }

  /** Opens «Korriger» on the row that matches. */
  async openCorrection(text: RegExp): Promise<Locator> {
    await this.button('Korriger', this.movementRow(text)).click();
    const dialog = this.dialog();
    await dialog.getByTestId('correction-rule').waitFor();
    return dialog;
  }
}
