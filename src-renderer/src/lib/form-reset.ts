/**
 * The signal from `useForm().setValues` (lib/form.ts) to the `<Form>` frames (ui/form.tsx) that
 * the values were reset by the program, kept apart from lib/unsaved.ts so lib/form.ts stays
 * free of the DOM and React context.
 */
/**
 * A form's values were set by the program (`useForm().setValues`: emptied after a save, or
 * loaded with a row to edit): the forms rendered with that change start over as unchanged.
 */
let resetPending = false;

export function markFormReset(): void {
  resetPending = true;
}

/** Called by each form after it renders; true when its values were just reset. */
export function takeFormReset(): boolean {
  if (!resetPending) return false;
  // Every form rendered in this commit sees it; the flag goes once they all have.
  setTimeout(() => (resetPending = false), 0);
  return true;
}
