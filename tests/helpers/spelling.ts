/**
 * The 2024 report misspells "Krisesenter" in several ways. Every word shaped like
 * "k…senter" must be spelled "krisesenter"; this returns the ones that are not.
 */
export function misspelledKrisesenter(text: string): string[] {
  return (text.match(/k[a-zæøå]{1,6}senter/gi) ?? []).filter(
    (word) => word.toLowerCase() !== 'krisesenter',
  );
}
