// A court's preservation of patents and trademarks (财产保全): find a patent or application by its
// number, or a trademark by its registration number, see where it stands, freeze it under the
// court's order, and lift a freeze this court made. A frozen right is not transferred, licensed or
// pledged.
import { Button, Input, Radio, Space } from 'antd';
import { useState } from 'react';

import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { PatentFreeze } from './PatentFreeze';
import { TrademarkFreeze } from './TrademarkFreeze';

const KINDS = ['PATENT', 'TRADEMARK'] as const;
type Kind = (typeof KINDS)[number];

export default function Freezes() {
  const { t, label } = useI18n();
  const { organization } = useAccount();
  const [kind, setKind] = useState<Kind>('PATENT');
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<{ kind: Kind; number: string }>();
  const find = () => {
    if (number.trim() !== '') setFound({ kind, number: number.trim() });
  };
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('freezes.pageTitle')} intro={t('freezes.pageIntro', { court: organization ?? '' })} />
      <Radio.Group
        aria-label={t('disposals.rightKind')}
        data-testid="freeze-right-kind"
        optionType="button"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as Kind);
          setFound(undefined);
        }}
        options={KINDS.map((k) => ({ value: k, label: label('RightKind', k) }))}
      />
      <Space.Compact className="narrow-form full-width">
        <Input
          aria-label={kind === 'PATENT' ? t('rights.applicationNumber') : t('rights.registrationNumber')}
          placeholder={kind === 'PATENT' ? t('registry.applicationNumberHelp') : t('trademark.numberHelp')}
          className="mono"
          value={number}
          maxLength={32}
          onChange={(e) => setNumber(e.target.value)}
          onPressEnter={find}
          data-testid="freeze-number"
        />
        <Button disabled={number.trim() === ''} onClick={find} data-testid="freeze-find">
          {t('pledges.find')}
        </Button>
      </Space.Compact>
      {found?.kind === 'PATENT' && <PatentFreeze key={found.number} number={found.number} />}
      {found?.kind === 'TRADEMARK' && <TrademarkFreeze key={found.number} number={found.number} />}
    </Space>
  );
}
