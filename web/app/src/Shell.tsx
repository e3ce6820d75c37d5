// The frame around every page: the sign-in page for nobody, else the role's menu, the language
// switch and sign-out, and the role's pages, each loaded only when opened.
import { Badge, Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';

import type { Role } from './api';
import { LangSwitch } from './components/LangSwitch';
import { useI18n } from './i18n';
import { useUnreadCount } from './inbox';
import { homeOf, NAVIGATION } from './navigation';
import { SignIn } from './pages/SignIn';
import { useSession } from './session';

const PAGES: Record<string, ReturnType<typeof lazy>> = {
  rights: lazy(() => import('./pages/enterprise/Rights')),
  deposit: lazy(() => import('./pages/enterprise/Deposit')),
  deposits: lazy(() => import('./pages/enterprise/Deposits')),
  'data-assets': lazy(() => import('./pages/enterprise/DataAssets')),
  cases: lazy(() => import('./pages/enterprise/Cases')),
  finance: lazy(() => import('./pages/enterprise/Finance')),
  cockpit: lazy(() => import('./pages/cockpit/Cockpit')),
  preexam: lazy(() => import('./pages/staff/PreExam')),
  protection: lazy(() => import('./pages/staff/Protection')),
  registry: lazy(() => import('./pages/staff/Registry')),
  accounts: lazy(() => import('./pages/staff/Accounts')),
  pledges: lazy(() => import('./pages/finance/Pledges')),
  policies: lazy(() => import('./pages/finance/Policies')),
  court: lazy(() => import('./pages/court/CourtCases')),
  password: lazy(() => import('./pages/account/Password')),
  inbox: lazy(() => import('./pages/inbox/Inbox')),
  disposals: lazy(() => import('./pages/staff/Disposals')),
  import: lazy(() => import('./pages/staff/Import')),
  deliveries: lazy(() => import('./pages/staff/Deliveries')),
  freezes: lazy(() => import('./pages/court/Freezes')),
};

function Frame({ role, children }: { role: Role; children: ReactNode }) {
  const { t, label } = useI18n();
  const { session, signOut } = useSession();
  const location = useLocation();
  const current = location.pathname.split('/')[1] ?? '';
  const unread = useUnreadCount();
  const items = NAVIGATION[role].map((item) => ({
    key: item.name,
    label: (
      <Link to={`/${item.name}`} data-testid={`nav-${item.name}`}>
        {t(item.label)}
        {item.name === 'inbox' && unread !== undefined && unread > 0 && (
          <Badge
            className="nav-badge"
            count={unread}
            overflowCount={99}
            data-testid="inbox-unread"
            data-count={unread}
            title={t('inbox.unreadCount', { n: unread })}
          />
        )}
      </Link>
    ),
  }));
  return (
    <Layout className="shell">
      <Layout.Sider breakpoint="lg" collapsedWidth={0} zeroWidthTriggerStyle={{ top: 12 }} theme="light" width={200} aria-label={t('shell.menu')}>
        <Menu mode="inline" selectedKeys={[current]} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <span className="shell-title">{t('shell.title')}</span>
          <Space className="shell-user">
            <Typography.Text>{session?.account.username}</Typography.Text>
            <Typography.Text type="secondary">{label('Role', role)}</Typography.Text>
            <Link to="/password">{t('shell.password')}</Link>
          </Space>
          <LangSwitch />
          <Button data-testid="logout" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </Button>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function Shell() {
  const { session } = useSession();
  const { t } = useI18n();
  if (session === undefined) {
    return (
      <div className="sign-in">
        <Spin aria-label={t('common.loading')} />
      </div>
    );
  }
  if (session === null) {
    return (
      <Routes>
        <Route
          path="*"
          element={
            <div className="sign-in">
              <SignIn />
            </div>
          }
        />
      </Routes>
    );
  }
  const role = session.account.role;
  const allowed = new Set([...NAVIGATION[role].map((n) => n.name), 'password']);
  return (
    <Frame role={role}>
      <Suspense fallback={<Spin aria-label={t('common.loading')} />}>
        <Routes>
          <Route path="/" element={<Navigate to={homeOf(role)} replace />} />
          {[...allowed].map((name) => {
            const Page = PAGES[name]!;
            return <Route key={name} path={`/${name}`} element={<Page />} />;
          })}
          <Route path="*" element={<Result status="404" title={t('shell.notFound')} extra={<Link to={homeOf(role)}>{t('shell.home')}</Link>} />} />
        </Routes>
      </Suspense>
    </Frame>
  );
}
