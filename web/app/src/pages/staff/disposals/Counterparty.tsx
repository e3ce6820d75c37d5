// The transferee or licensee: an enterprise registered with the centre, found by its credit code,
// or a party outside the registry (a person, a foreign entity) by kind, name and country. No
// identity number is asked: the contract's digest ties the party to the contract it signed.
import { Form, Input, Radio, Typography } from 'antd';

import { EnterpriseLookup, type Party } from '../../../components/EnterpriseLookup';
import { useI18n } from '../../../i18n';

const OUTSIDE_KINDS = ['INDIVIDUAL', 'FOREIGN_ENTITY'] as const;
const COUNTRY = /^[A-Z]{2}$/;

export interface OutsideParty {
  kind: (typeof OUTSIDE_KINDS)[number];
  name: string;
  country: string;
}

/** The form's fields this part adds: which kind of party, and an outside party's particulars. */
export interface CounterpartyFields {
  party: 'ENTERPRISE' | 'OUTSIDE';
  outside?: OutsideParty;
}

export const COUNTERPARTY_DEFAULTS: Partial<CounterpartyFields> = { party: 'ENTERPRISE', outside: { kind: 'FOREIGN_ENTITY', name: '', country: '' } };

/** The party the form names, as the API takes it; undefined while no enterprise is found. */
export function chosenParty(f: CounterpartyFields, enterprise: Party | undefined): { enterpriseId: string } | { outside: OutsideParty } | undefined {
  if (f.party === 'OUTSIDE') return f.outside && { outside: { ...f.outside, name: f.outside.name.trim() } };
  return enterprise && { enterpriseId: enterprise.id };
}

interface Props {
  /** The form's test id prefix: `<prefix>-party-kind`, `<prefix>-to`, `<prefix>-outside-name`… */
  readonly prefix: string;
  /** What the party is to the record: 受让人, 被许可人. */
  readonly who: string;
  readonly enterprise: Party | undefined;
  readonly onEnterprise: (party: Party | undefined) => void;
  readonly missing: boolean;
}

export function Counterparty({ prefix, who, enterprise, onEnterprise, missing }: Props) {
  const { t, label } = useI18n();
  const party = Form.useWatch<CounterpartyFields['party']>('party', Form.useFormInstance());
  return (
    <>
      <Form.Item name="party" label={t('disposals.partyKind', { who })} extra={t('disposals.partyHelp')}>
        <Radio.Group
          data-testid={`${prefix}-party-kind`}
          optionType="button"
          options={[
            { value: 'ENTERPRISE', label: t('disposals.partyEnterprise') },
            { value: 'OUTSIDE', label: t('disposals.partyOutside') },
          ]}
        />
      </Form.Item>
      {party === 'OUTSIDE' ? (
        <fieldset className="form-group">
          <legend>{who}</legend>
          <Form.Item name={['outside', 'kind']} label={t('disposals.outsideKind')}>
            <Radio.Group data-testid={`${prefix}-outside-kind`} options={OUTSIDE_KINDS.map((k) => ({ value: k, label: label('OutsidePartyKind', k) }))} />
          </Form.Item>
          <Form.Item
            name={['outside', 'name']}
            label={t('disposals.outsideName')}
            extra={t('disposals.outsideNameHelp')}
            rules={[{ required: true, whitespace: true, message: t('disposals.outsideNameRequired') }]}
          >
            <Input maxLength={200} autoComplete="off" data-testid={`${prefix}-outside-name`} />
          </Form.Item>
          <Form.Item
            name={['outside', 'country']}
            label={t('disposals.outsideCountry')}
            extra={t('disposals.outsideCountryHelp')}
            normalize={(v: string) => v.toUpperCase()}
            dependencies={[['outside', 'kind']]}
            rules={[
              { required: true, pattern: COUNTRY, message: t('disposals.outsideCountryInvalid') },
              ({ getFieldValue }) => ({
                // A mainland entity has a credit code: it is registered with the centre instead.
                validator: async (_, v: string | undefined) => {
                  if (v === 'CN' && getFieldValue(['outside', 'kind']) === 'FOREIGN_ENTITY') throw new Error(t('disposals.outsideCountryMainland'));
                },
              }),
            ]}
          >
            <Input maxLength={2} className="mono" autoComplete="off" data-testid={`${prefix}-outside-country`} />
          </Form.Item>
          <Typography.Text type="secondary">{t('disposals.noIdentityNumber')}</Typography.Text>
        </fieldset>
      ) : (
        <EnterpriseLookup testId={`${prefix}-to`} label={who} value={enterprise} onChange={onEnterprise} missing={missing} />
      )}
    </>
  );
}
