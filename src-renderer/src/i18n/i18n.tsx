import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { catalogues, type Language, type MessageKey } from './messages';
import { fillPlaceholders } from './translate';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t: Translate;
}

const LANG_KEY = 'tilskudd.lang';

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() =>
    localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'nb',
  );
  const setLang = useCallback((next: Language) => {
    localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = next === 'nb' ? 'nb' : 'en';
    setLangState(next);
  }, []);
  const t = useCallback<Translate>(
    (key, vars) => {
      return fillPlaceholders(catalogues[lang][key], vars);
    },
    [lang],
  );
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
