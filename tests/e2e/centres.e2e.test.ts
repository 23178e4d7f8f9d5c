import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startApp, watchConsole, type RunningApp } from './harness';
import { CentresPage } from './pages/CentresPage';

describe('member-centre register in the browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'nb-NO' });
    problems = watchConsole(page);
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('starts with an empty register and explains it', async () => {
    const centres = new CentresPage(page);
    await centres.open();
    await expect
      .poll(() => page.getByText('Ingen medlemssentre er registrert ennå.').count())
      .toBe(1);
    // The token was taken out of the address bar.
    expect(page.url()).not.toContain('token=');
  });

  it('shows a Norwegian message naming the field and keeps what was typed', async () => {
    const centres = new CentresPage(page);
    await centres.startNew();
    await centres.fill({
      name: 'Alta Krisesenter',
      driftsform: 'Ideell organisasjon',
      region: 'Nord',
      contactEmail: 'post@altakrise',
      orgNumber: '123456789',
    });
    await centres.save();
    await expect
      .poll(() => centres.fieldError('Kontakt-e-post').textContent())
      .toContain('Kontakt-e-post må være en gyldig e-postadresse');
    await expect
      .poll(() => centres.fieldError('Organisasjonsnummer').textContent())
      .toContain('Organisasjonsnummer må ha 9 siffer med gyldig kontrollsiffer');
    expect(await page.getByLabel('Navn').first().inputValue()).toBe('Alta Krisesenter');
  });

  it('creates a centre from the keyboard and shows it in the list', async () => {
    const centres = new CentresPage(page);
    await centres.fill({
      contactEmail: 'post@altakrise.no',
      orgNumber: '',
      joinedDate: '1.6.2024',
    });
    await centres.submitWithEnter();
    await centres.heading().filter({ hasText: 'Alta Krisesenter' }).waitFor();
    expect(await centres.detail('Region').textContent()).toBe('Nord');
    expect(await centres.membershipRows().first().textContent()).toContain('01.06.2024');
    await centres.open();
    await expect.poll(() => centres.rows().count()).toBe(1);
    expect(await centres.rows().first().textContent()).toContain('Alta Krisesenter');
    expect(await centres.rows().first().textContent()).toContain('Ideell organisasjon');
  });

  it('edits a centre', async () => {
    const centres = new CentresPage(page);
    await centres.openCentre('Alta Krisesenter');
    await page.getByRole('button', { name: 'Endre', exact: true }).click();
    await centres.heading().filter({ hasText: 'Endre medlemssenter' }).waitFor();
    await centres.fill({ dailyLeader: 'Konstituert daglig leder' });
    await centres.save();
    await centres.heading().filter({ hasText: 'Alta Krisesenter' }).waitFor();
    expect(await centres.detail('Daglig leder').textContent()).toBe('Konstituert daglig leder');
  });

  it('records when a centre leaves and refuses an overlapping period', async () => {
    const centres = new CentresPage(page);
    // The existing period from 01.06.2024 is open-ended, so a new one overlaps.
    await centres.addMembership('01.01.2025');
    await expect
      .poll(() =>
        page
          .getByRole('form', { name: 'Legg til medlemsperiode' })
          .getByRole('alert')
          .first()
          .textContent(),
      )
      .toContain('overlapper');
    await page.getByRole('button', { name: 'Endre periode' }).first().click();
    const form = page.getByRole('form', { name: 'Endre periode' });
    await form.getByLabel('Medlem til').fill('31.12.2025');
    await form.getByRole('button', { name: 'Lagre' }).click();
    await expect.poll(() => centres.membershipRows().first().textContent()).toContain('31.12.2025');
  });

  it('refuses a second centre with the same name in another case', async () => {
    const centres = new CentresPage(page);
    await centres.open();
    await centres.startNew();
    await centres.fill({ name: 'alta krisesenter', driftsform: 'Stiftelse', region: 'Nord' });
    await centres.save();
    await expect.poll(() => centres.fieldError('Navn').textContent()).toContain('finnes allerede');
    // The refused form still holds unsaved changes: leaving it asks first (issue 13).
    page.once('dialog', (d) => void d.accept());
    await centres.open();
    await expect.poll(() => centres.rows().count()).toBe(1);
  });

  it('had no console errors', () => {
    expect(problems).toEqual([]);
  });
});
