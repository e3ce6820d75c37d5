// Choosing an enterprise registered with the centre by its unified social credit code: the
// counterparty of a transfer, licence or pledgee's consent. Test ids `<testId>-uscc`,
// `<testId>-find` and `<testId>-chosen`.
import { Alert, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';

import { graphql } from '../api';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

const FIND = `query EnterpriseByCode($uscc: String!) { enterpriseByCreditCode(uscc: $uscc) { id name } }`;

export interface Party {
  readonly id: string;
  readonly name: string;
}

interface Props {
  readonly testId: string;
  /** What the enterprise is to the record: 受让人, 被许可人… */
  readonly label: string;
  readonly value: Party | undefined;
  readonly onChange: (party: Party | undefined) => void;
  /** Said under it when the form was sent without one. */
  readonly missing?: boolean;
}

export function EnterpriseLookup({ testId, label, value, onChange, missing }: Props) {
  const { t } = useI18n();
  const [uscc, setUscc] = useState('');
  const [notFound, setNotFound] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const find = async () => {
    const code = uscc.trim().toUpperCase();
    if (code === '') return;
    setBusy(true);
    setError(undefined);
    setNotFound(false);
    try {
      const { enterpriseByCreditCode } = await graphql<{ enterpriseByCreditCode: Party | null }>(FIND, { uscc: code });
      setNotFound(enterpriseByCreditCode === null);
      onChange(enterpriseByCreditCode ?? undefined);
    } catch (err) {
      setError(err);
      onChange(undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="form-group">
      <legend>{label}</legend>
      <Space orientation="vertical" className="full-width">
        <Space.Compact className="full-width">
          <Input
            aria-label={t('lookup.uscc', { who: label })}
            placeholder={t('lookup.uscc', { who: label })}
            value={uscc}
            maxLength={18}
            className="mono"
            onChange={(e) => setUscc(e.target.value)}
            onPressEnter={(e) => {
              e.preventDefault();
              void find();
            }}
            data-testid={`${testId}-uscc`}
          />
          <Button onClick={() => void find()} loading={busy} data-testid={`${testId}-find`}>
            {t('pledges.find')}
          </Button>
        </Space.Compact>
        {value && (
          <Typography.Text data-testid={`${testId}-chosen`} data-id={value.id}>
            {t('lookup.chosen', { name: value.name })}
          </Typography.Text>
        )}
        {notFound && <Alert type="warning" showIcon title={t('pledges.noSuchEnterprise')} />}
        {missing && !value && <Typography.Text type="danger">{t('lookup.required', { who: label })}</Typography.Text>}
        <ErrorAlert error={error} />
      </Space>
    </fieldset>
  );
}
