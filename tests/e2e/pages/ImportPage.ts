/** Page model for import from Excel/CSV: kind, file, columns, preview, confirmation. */
import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

const MIME: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export class ImportPage extends AppPage {
  static readonly HEADING = 'Importer fra Excel eller CSV';

  /** Opens the page by its address (the route is '/import'). */
  async open(origin: string): Promise<void> {
    await this.page.goto(`${origin}/#/import`);
    await this.waitForHeading(ImportPage.HEADING);
  }

  async chooseKind(label: string): Promise<void> {
    await this.field('Hva vil du importere?').selectOption({ label });
  }

  /** Chooses a file as the file picker would hand it over. */
  async chooseFile(name: string, content: string | Buffer): Promise<void> {
    const ext = name.split('.').pop() ?? '';
    await this.page.getByLabel('Fil (CSV eller Excel .xlsx)').setInputFiles({
      name,
      mimeType: MIME[ext] ?? 'application/octet-stream',
      buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    });
  }

  /** The column select for a field (labels are the field names: «Driftsform», «E-post» …). */
  async chooseColumn(field: string, column: string): Promise<void> {
    await this.field(field).selectOption({ label: column });
  }

  previewRows(): Locator {
    return this.table('Forhåndsvisning').locator('tbody tr');
  }

  /** The text of the check column for a spreadsheet row number. */
  check(rowNumber: number): Locator {
    return this.previewRows()
      .filter({
        has: this.page.locator('td:first-child', { hasText: new RegExp(`^${rowNumber}$`) }),
      })
      .locator('td:last-child');
  }

  importButton(rows: number): Locator {
    return this.button(`Importer ${rows} rader`);
  }

  async importAndConfirm(rows: number): Promise<void> {
    await this.importButton(rows).click();
    await this.button('Ja, importer', this.dialog()).click();
  }

  status(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'er importert fra' });
  }
}
