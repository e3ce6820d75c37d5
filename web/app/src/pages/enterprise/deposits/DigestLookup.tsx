// What the ledger says of a whole SHA-256 typed in the search box: whether it was deposited,
// when, and whether by this enterprise (any depositor's entries are public through /verify).
import { Alert, Spin } from 'antd';

import { ErrorAlert } from '../../../components/ErrorAlert';
import { dateTime } from '../../../format';
import { useGraphQL } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

const VERIFY = `query VerifyDigest($digest: String!) {
  verifyEvidence(contentDigest: $digest) { contentDigest found deposits { seq kind subject depositor timestamp } }
}`;

interface Answer {
  verifyEvidence: {
    contentDigest: string;
    found: boolean;
    deposits: { seq: number; kind: string; subject: string; depositor: string; timestamp: string }[];
  };
}

export const isDigest = (text: string): boolean => /^[0-9a-fA-F]{64}$/.test(text);

export function DigestLookup({ digest, enterpriseId, titles }: { digest: string; enterpriseId: string; titles: ReadonlyMap<string, string> }) {
  const { t, label, lang } = useI18n();
  const query = useGraphQL<Answer>(VERIFY, { digest: digest.toLowerCase() });
  if (query.error) return <ErrorAlert error={query.error} />;
  const answer = query.data?.verifyEvidence;
  if (answer === undefined || answer.contentDigest !== digest.toLowerCase()) return <Spin aria-label={t('common.loading')} />;
  if (!answer.found) return <Alert data-testid="digest-lookup" data-found="false" type="info" showIcon title={t('deposits.notOnLedger')} />;
  return (
    <Alert
      data-testid="digest-lookup"
      data-found="true"
      type="success"
      showIcon
      title={t('deposits.onLedger', { n: answer.deposits.length })}
      description={
        <ul className="plain-list">
          {answer.deposits.map((d) => {
            const own = d.depositor === enterpriseId;
            const title = titles.get(d.subject.replace(/^evidence:/, ''));
            return (
              <li key={d.seq}>
                {t('deposits.entryLine', { seq: d.seq, time: dateTime(d.timestamp, lang), kind: label('deposits.entryKind', d.kind) })}{' '}
                {own ? t('deposits.byYou') : t('deposits.byOther')}
                {title !== undefined && ` · ${title}`}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
