/**
 * The global search (Ctrl+K / Cmd+K): type-ahead over `search.query`, debounced; arrow keys
 * choose, Enter opens the result's route, Esc closes and focus returns where it was.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { SearchResult } from '../../../../src-shared/search/contract';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../lib/query';
import { navigate } from '../../lib/router';
import { Button } from '../../ui/layout';

const DEBOUNCE_MS = 120;

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

export function SearchLauncher() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        if (!open) returnTo.current = document.activeElement as HTMLElement | null;
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  function close() {
    setOpen(false);
    const el = returnTo.current;
    window.setTimeout(() => el?.focus(), 0);
  }

  return (
    <>
      <Button
        className="search-button"
        onClick={(e) => {
          returnTo.current = e.currentTarget;
          setOpen(true);
        }}
        aria-keyshortcuts="Control+K Meta+K"
      >
        {t('search.button')}
      </Button>
      {open ? <SearchDialog onClose={close} /> : null}
    </>
  );
}

function SearchDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim(), DEBOUNCE_MS);
  const { data } = useApi('search.query', { text: query, limit: 20 });
  const results: SearchResult[] = query === '' ? [] : (data ?? []);
  const listId = useId();

  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);
  function open(r: SearchResult | undefined) {
    if (!r) return;
    onClose();
    navigate(r.route);
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.max(0, Math.min(i + 1, results.length - 1)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(results[active]);
    }
  }

  const optionId = (i: number) => `${listId}-opt-${i}`;
  return (
    <dialog
      ref={ref}
      className="dialog search-dialog"
      aria-label={t('search.title')}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <input
        className="search-dialog__input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-label={t('search.label')}
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-activedescendant={results.length > 0 ? optionId(active) : undefined}
        aria-autocomplete="list"
        placeholder={t('search.placeholder')}
        value={text}
        autoFocus
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        className="search-dialog__results"
        aria-label={t('search.title')}
      >
        {results.map((r, i) => (
          <li
            key={`${r.entity}-${r.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            onMouseEnter={() => setActive(i)}
            onClick={() => open(r)}
          >
            <span className="search-dialog__kind">{t(`search.entity.${r.entity}`)}</span>
            <span className="search-dialog__title">{r.title}</span>
            {r.subtitle ? <span className="search-dialog__sub">{r.subtitle}</span> : null}
            {r.snippet ? <span className="search-dialog__snippet">{r.snippet}</span> : null}
          </li>
        ))}
      </ul>
      {query !== '' && data && results.length === 0 ? (
        <p className="search-dialog__none">{t('search.none')}</p>
      ) : null}
      <p className="search-dialog__hint">{t('search.hint')}</p>
    </dialog>
  );
}
