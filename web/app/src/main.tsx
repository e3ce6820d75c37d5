// The people's web application: the enterprise portal, the centre's console, the banks', insurers'
// and courts' pages and the cockpit, on the hub's GraphQL API and /auth session routes.
import './csp-nonce';
import 'dayjs/locale/zh-cn';
import './app.css';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';

import { HubError } from './api';
import { nonce } from './csp-nonce';
import { LangProvider, useI18n } from './i18n';
import { SessionProvider } from './session';
import { Shell } from './Shell';

// antd's default blue (#1677ff) and secondary grey fall short of WCAG AA contrast on white; these meet it.
const THEME = {
  token: {
    fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif",
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorInfo: '#0958d9',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // People who ask their system for less motion get none.
    motion: !matchMedia('(prefers-reduced-motion: reduce)').matches,
  },
  // Empty tables and lists say so in text people can read, not in the disabled grey.
  components: { Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' }, Empty: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' } },
};

// A refusal is final (the page shows it); only a lost connection is worth one more try.
const queries = new QueryClient({
  defaultOptions: {
    queries: { retry: (failures, err) => failures < 1 && err instanceof HubError && err.code === 'NETWORK', refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

function Themed() {
  const { lang, t } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} csp={{ nonce }} theme={THEME} renderEmpty={() => <div className="empty">{t('common.none')}</div>}>
      <AntApp>
        <QueryClientProvider client={queries}>
          <SessionProvider>
            <BrowserRouter>
              <Shell />
            </BrowserRouter>
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangProvider>
      <Themed />
    </LangProvider>
  </StrictMode>,
);
