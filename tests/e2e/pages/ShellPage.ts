/** The app shell (issue 13): grouped menu, the top bar's badge and search, welcome screen. */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { AppPage } from './AppPage';

export class ShellPage extends AppPage {
  menuLinks(): Locator {
    return this.page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link');
  }

  exampleBadge(): Locator {
    return this.page.getByTestId('example-badge');
  }

  /** Clicks a menu entry and waits until its page has settled (no loading indicator). */
  async openMenuEntry(link: Locator): Promise<void> {
    await link.click();
    await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
    await this.heading().first().waitFor();
    await expect
      .poll(() => this.page.evaluate<boolean>(`document.querySelector('.loading') === null`))
      .toBe(true);
    await this.page.waitForTimeout(150);
  }

  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate<number>(`document.documentElement.scrollWidth - window.innerWidth`);
  }

  searchBox(): Locator {
    return this.page.getByRole('combobox', { name: /Søk etter/ });
  }

  searchOptions(): Locator {
    return this.page.getByRole('option');
  }
}
