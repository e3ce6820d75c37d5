// A court's cases: those the centre referred to it, with their parties, rights and evidence; each
// piece of evidence opens /verify, where the court checks it against the key it trusts.
import { Button, Card, Descriptions, List, Space, Tag } from 'antd';

import { ErrorAlert } from '../../components/ErrorAlert';
import { Events, type WorkflowEvent } from '../../components/Events';
import { PageHeading } from '../../components/PageHeading';
import { dateTime, shortDigest } from '../../format';
import { usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';

const CASES = `query CourtCases($first: Int, $after: String) {
  protectionCases(first: $first, after: $after) {
    edges { node { id kind route summary state court { name } appliedAt
      parties { role name } ipRights { kind: rightKind number }
      evidence { id title category contentDigest depositedAt receipt { seq } }
      events { at actor role from to note } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface CourtCase {
  readonly id: string;
  readonly kind: string;
  readonly route: string;
  readonly summary: string;
  readonly state: string;
  readonly court: { readonly name: string } | null;
  readonly appliedAt: string;
  readonly parties: readonly { role: string; name: string }[];
  readonly ipRights: readonly { kind: string; number: string }[];
  /** A court reads every deposit of a case referred to it; null in place of one it may not. */
  readonly evidence: readonly ({ id: string; title: string; category: string; contentDigest: string; depositedAt: string; receipt: { seq: number } } | null)[];
  readonly events: readonly WorkflowEvent[];
}

interface Answer {
  protectionCases: { edges: { node: CourtCase }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export default function CourtCases() {
  const { t, label, lang } = useI18n();
  const account = useAccount();
  const pages = usePages<Answer, CourtCase>(CASES, {}, (d) => d.protectionCases, 20);
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('court.title')} intro={t('court.intro', { court: account.organization ?? '' })} />
      <ErrorAlert error={pages.error} />
      {!pages.loading && pages.nodes.length === 0 && <p>{t('court.none')}</p>}
      {pages.nodes.map((c) => (
        <Card
          key={c.id}
          size="small"
          data-testid="court-case"
          title={<h2 className="card-title">{c.summary}</h2>}
          extra={<Tag>{label('ProtectionState', c.state)}</Tag>}
        >
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('court.kind')}>{label('ProtectionKind', c.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('court.applied')}>{dateTime(c.appliedAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('court.parties')}>{c.parties.map((p) => `${label('PartyRole', p.role)}：${p.name}`).join('；')}</Descriptions.Item>
            <Descriptions.Item label={t('court.rights')}>{c.ipRights.map((r) => `${label('RightKind', r.kind)} ${r.number}`).join('、')}</Descriptions.Item>
          </Descriptions>
          <h3 className="section-title">{t('court.evidence')}</h3>
          <List
            size="small"
            dataSource={c.evidence.filter((e) => e !== null)}
            locale={{ emptyText: t('court.noEvidence') }}
            renderItem={(e) => (
              <List.Item
                actions={[
                  <a key="verify" data-testid="court-verify" href={`/verify?digest=${e.contentDigest}`} target="_blank" rel="noreferrer">
                    {t('court.verify')}
                  </a>,
                ]}
              >
                <List.Item.Meta
                  title={`${e.title}（${label('EvidenceCategory', e.category)}）`}
                  description={
                    <span title={e.contentDigest}>
                      {t('court.deposited', { seq: e.receipt.seq, at: dateTime(e.depositedAt, lang) })} ·{' '}
                      <span className="mono">{shortDigest(e.contentDigest)}</span>
                    </span>
                  }
                />
              </List.Item>
            )}
          />
          <h3 className="section-title">{t('common.history')}</h3>
          <Events events={c.events} group="ProtectionState" />
        </Card>
      ))}
      {pages.hasMore && (
        <Button onClick={pages.more} loading={pages.loading}>
          {t('common.more')}
        </Button>
      )}
    </Space>
  );
}
