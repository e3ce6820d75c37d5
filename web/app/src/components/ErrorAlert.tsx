import { Alert } from 'antd';

import { HubError } from '../api';
import { useI18n } from '../i18n';

/** A refusal as a person reads it: what kind (by its code, in their language) and the hub's own words, every problem of the input listed. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t, label } = useI18n();
  if (error === undefined || error === null) return null;
  const code = error instanceof HubError ? error.code : 'INTERNAL_SERVER_ERROR';
  const title = label('ErrorCode', code);
  const problems = error instanceof HubError && Array.isArray(error.extensions.problems) ? (error.extensions.problems as { message: string }[]) : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title === code ? t('error.generic') : title}
      description={
        problems.length > 1 ? (
          <ul className="problems">
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        ) : error instanceof Error ? (
          error.message
        ) : (
          String(error)
        )
      }
    />
  );
}
