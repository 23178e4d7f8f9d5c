/** The grant page's award history and year split (issue 10.3/10.4). */
import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

export class GrantPage extends AppPage {
  awardHistory(): Locator {
    return this.table('Tildelingshistorikk');
  }

  /** The history's rows as their cells' text (on the «Tildelinger» tab). */
  async historyRows(): Promise<string[][]> {
    await this.tab('Tildelinger');
    const rows = this.awardHistory().locator('tbody tr');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      out.push((await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim()));
    }
    return out;
  }

  async correctAward(values: { amount: string; date: string; reason: string }): Promise<void> {
    await this.tab('Tildelinger');
    await this.button('Rett vedtaket').click();
    const dialog = this.dialog();
    await this.fill(
      { 'Innvilget beløp': values.amount, Vedtaksdato: values.date, Begrunnelse: values.reason },
      dialog,
    );
    await this.button('Rett vedtaket', dialog).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async topUp(values: {
    amount: string;
    date: string;
    reference: string;
    reason: string;
  }): Promise<void> {
    await this.tab('Tildelinger');
    await this.button('Registrer tillegg').click();
    const dialog = this.dialog();
    await this.fill(
      {
        'Beløp for endringen': values.amount,
        Vedtaksdato: values.date,
        Referanse: values.reference,
        Begrunnelse: values.reason,
      },
      dialog,
    );
    await this.button('Registrer tillegg', dialog).click();
    await dialog.waitFor({ state: 'detached' });
  }
}
