// People's accounts, for centre staff, through the gateway's /auth/accounts routes: a page at a
// time in username order; creating one (its generated password shown once); disabling one.
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Tag } from 'antd';
import { type HTMLAttributes, useState } from 'react';

import { type Account, auth } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { dateTime } from '../../format';
import { useI18n } from '../../i18n';
import { CreateAccount, type Created } from './accounts/CreateAccount';
import { PasswordOnce } from './accounts/PasswordOnce';

const PAGE = 50;

interface AccountPage {
  readonly accounts: Account[];
  readonly next: string | null;
}

export default function Accounts() {
  const { t, label, lang } = useI18n();
  const queries = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created>();
  const [disabling, setDisabling] = useState<string>();
  const [error, setError] = useState<unknown>();
  const pages = useInfiniteQuery({
    queryKey: ['auth/accounts'],
    queryFn: ({ pageParam }) => auth<AccountPage>(`accounts?first=${PAGE}${pageParam === null ? '' : `&after=${encodeURIComponent(pageParam)}`}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const accounts = pages.data?.pages.flatMap((p) => p.accounts) ?? [];

  const disable = async (account: Account) => {
    setDisabling(account.id);
    setError(undefined);
    try {
      await auth<{ account: Account }>('accounts/disable', { id: account.id });
      await queries.invalidateQueries({ queryKey: ['auth/accounts'] });
    } catch (err) {
      setError(err);
    } finally {
      setDisabling(undefined);
    }
  };

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading
        title={t('accounts.title')}
        intro={t('accounts.intro')}
        extra={
          <Button data-testid="account-new" type="primary" onClick={() => setCreating(true)}>
            {t('accounts.create')}
          </Button>
        }
      />
      <ErrorAlert error={error ?? pages.error} />
      <DataTable<Account>
        rowKey="id"
        size="small"
        loading={pages.isFetching}
        dataSource={accounts}
        pagination={false}
        minWidth={900}
        label={t('nav.accounts')}
        locale={{ emptyText: t('accounts.none') }}
        onRow={(a) =>
          ({ 'data-testid': 'account-row', 'data-username': a.username, 'data-disabled': String(a.disabledAt !== null) }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('accounts.username'), dataIndex: 'username' },
          { title: t('accounts.role'), width: 120, render: (_, a) => label('Role', a.role) },
          {
            title: t('accounts.binding'),
            width: 280,
            render: (_, a) => (a.enterpriseId !== null ? <span className="mono">{a.enterpriseId}</span> : (a.organization ?? '')),
          },
          { title: t('accounts.createdAt'), width: 170, render: (_, a) => dateTime(a.createdAt, lang) },
          {
            title: t('common.state'),
            width: 200,
            render: (_, a) => (a.disabledAt === null ? <Tag>{t('accounts.active')}</Tag> : t('accounts.disabledAt', { at: dateTime(a.disabledAt, lang) })),
          },
          {
            title: t('common.actions'),
            width: 110,
            render: (_, a) =>
              a.disabledAt === null && (
                <Popconfirm
                  title={t('accounts.disableConfirm', { username: a.username })}
                  description={t('accounts.disableExplain')}
                  okText={t('accounts.disable')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ 'data-testid': 'account-disable-confirm' }}
                  onConfirm={() => disable(a)}
                >
                  <Button size="small" data-testid="account-disable" loading={disabling === a.id}>
                    {t('accounts.disable')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {pages.hasNextPage && (
        <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
          {t('common.more')}
        </Button>
      )}
      <CreateAccount open={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <PasswordOnce created={created} onClose={() => setCreated(undefined)} />
    </Space>
  );
}
