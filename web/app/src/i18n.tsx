// Chinese first, English on a switch. Every message is a [zh, en] pair (messages.ts), so no
// language can lack one; the choice is kept in localStorage and on <html lang>.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

import { type MessageKey, MESSAGES } from './messages';

export type Lang = 'zh' | 'en';

interface I18n {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  /** The message in the current language; `{name}` placeholders filled from `values`. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** An enum value's label (`PreExamState.RECEIVED`), or the value itself when unnamed. */
  label(group: string, value: string): string;
}

const STORAGE_KEY = 'iphub.lang';
const Context = createContext<I18n | undefined>(undefined);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage: the choice then lasts for this page only.
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const index = lang === 'zh' ? 0 : 1;
    const t: I18n['t'] = (key, values) => {
      const text = MESSAGES[key][index];
      return values === undefined ? text : text.replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m));
    };
    const label: I18n['label'] = (group, v) => {
      const key = `${group}.${v}`;
      return key in MESSAGES ? MESSAGES[key as MessageKey][index] : v;
    };
    return { lang, setLang, t, label };
  }, [lang, setLang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(Context);
  if (i18n === undefined) throw new Error('useI18n outside LangProvider');
  return i18n;
}
