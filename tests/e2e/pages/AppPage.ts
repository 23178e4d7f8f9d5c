/** Shared page model: navigation, headings, labelled fields and their inline errors. */
import type { Locator, Page } from 'playwright-core';

export class AppPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  async waitForHeading(text: string): Promise<void> {
    await this.heading().filter({ hasText: text }).waitFor();
  }

  async nav(name: string): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    await this.waitForHeading(name);
  }

  /** A field by its visible label (required fields show "Navn *"). */
  field(label: string, scope: Locator | Page = this.page): Locator {
    return scope.getByLabel(new RegExp(`^${escape(label)}( \\*)?$`));
  }

  async fill(values: Record<string, string>, scope: Locator | Page = this.page): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label, scope).fill(value);
  }

  async select(values: Record<string, string>, scope: Locator | Page = this.page): Promise<void> {
    for (const [label, option] of Object.entries(values)) {
      await this.field(label, scope).selectOption({ label: option });
    }
  }

  button(name: string, scope: Locator | Page = this.page): Locator {
    return scope.getByRole('button', { name, exact: true });
  }

  form(name: string): Locator {
    return this.page.getByRole('form', { name });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** The inline error under the field with this label. */
  fieldError(label: string, scope: Locator | Page = this.page): Locator {
    // The inner locator of `has` is matched inside each `.field`, so it starts from the page
    // (one made from a dialog scope would look for the dialog inside the field).
    const labelEl = this.page.locator('label', {
      hasText: new RegExp(`^${escape(label)}( \\*)?$`),
    });
    return scope.locator('.field').filter({ has: labelEl }).getByRole('alert');
  }

  detail(label: string): Locator {
    return this.page
      .locator('dl.details dt', { hasText: new RegExp(`^${escape(label)}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  table(name: string): Locator {
    return this.page.getByRole('table', { name, exact: true });
  }

  /** Opens a tab of a page in tabs (the grant page) and waits until it is selected. */
  async tab(name: string): Promise<void> {
    const tab = this.page.getByRole('tab', { name, exact: true });
    await tab.click();
    await this.page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
