// The inbox of the signed-in person's enterprise or organisation (or the centre's, for staff):
// newest first, a page at a time, each notification's kind in words, what it is about and when;
// unread ones marked, to be marked read one by one or all at once.
import { Button, List, Space, Typography } from 'antd';

import { mutate, USER_ERRORS } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { ToneTag } from '../../components/ToneTag';
import { dateTime } from '../../format';
import { useAction } from '../../hooks/useAction';
import { usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useUnreadCount } from '../../inbox';
import { detailOf, type Notification, subjectOf } from './describe';

const INBOX = `query Inbox($first: Int, $after: String) {
  inbox { notifications(first: $first, after: $after) {
    edges { node { read notification { id type occurredAt subject data } } }
    pageInfo { hasNextPage endCursor } } }
}`;
const MARK = `mutation MarkRead($ids: [ID!]!) { notificationsMarkRead(ids: $ids) { markedCount ${USER_ERRORS} } }`;
const MARK_ALL = `mutation MarkAllRead { notificationsMarkAllRead { markedCount ${USER_ERRORS} } }`;

interface Item extends Notification {
  readonly read: boolean;
}

interface Answer {
  inbox: {
    notifications: {
      edges: { node: { read: boolean; notification: Notification } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

const PAGE = 20;

export default function Inbox() {
  const { t, label, lang } = useI18n();
  const unread = useUnreadCount();
  const action = useAction();
  const pages = usePages<Answer, Item>(
    INBOX,
    {},
    (d) => ({
      edges: d.inbox.notifications.edges.map((e) => ({ node: { ...e.node.notification, read: e.node.read } })),
      pageInfo: d.inbox.notifications.pageInfo,
    }),
    PAGE,
  );
  const typeName = (type: string) => {
    const named = label('NotificationType', type);
    return named === type ? type : named;
  };

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading
        title={t('inbox.title')}
        intro={unread === undefined ? t('inbox.intro') : t('inbox.introCount', { n: unread })}
        extra={
          <Space wrap>
            <Button onClick={pages.reload} loading={pages.loading}>
              {t('common.reload')}
            </Button>
            <Button data-testid="inbox-mark-all" disabled={unread === 0} loading={action.busy} onClick={() => void action.run(() => mutate(MARK_ALL))}>
              {t('inbox.markAll')}
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={action.error ?? pages.error} />
      <List<Item>
        className="inbox-list"
        dataSource={[...pages.nodes]}
        loading={pages.loading && pages.nodes.length === 0}
        locale={{ emptyText: <div className="empty">{t('inbox.none')}</div> }}
        renderItem={(n) => (
          <List.Item
            data-testid="inbox-item"
            data-id={n.id}
            data-type={n.type}
            data-read={String(n.read)}
            className={n.read ? 'inbox-read' : 'inbox-unread'}
            actions={
              n.read
                ? []
                : [
                    <Button key="read" size="small" data-testid="inbox-mark-read" onClick={() => void action.run(() => mutate(MARK, { ids: [n.id] }))}>
                      {t('inbox.markRead')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={[6, 0]}>
                  {!n.read && <ToneTag tone="blue">{t('inbox.unread')}</ToneTag>}
                  <Typography.Text strong={!n.read}>{typeName(n.type)}</Typography.Text>
                  <Typography.Text type="secondary">{dateTime(n.occurredAt, lang)}</Typography.Text>
                </Space>
              }
              description={
                <>
                  <span className="mono">{subjectOf(n.subject, t)}</span>
                  {detailOf(n, t, label) && <div>{detailOf(n, t, label)}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
      {pages.hasMore && (
        <Button onClick={pages.more} loading={pages.loading}>
          {t('common.more')}
        </Button>
      )}
    </Space>
  );
}
