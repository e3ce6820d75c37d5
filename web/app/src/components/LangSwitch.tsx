import { Button } from 'antd';

import { useI18n } from '../i18n';

/** Switches between Chinese and English; labelled in the language it switches to. */
export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Button data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
      {t('shell.otherLanguage')}
    </Button>
  );
}
