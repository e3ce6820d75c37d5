// The enterprise's IP finance: its pledges, confirming or declining what its pledgees propose, and
// its insurance policies with their claims, and filing a claim.
import { Card, Space } from 'antd';

import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n';
import { PledgeList } from './finance/PledgeList';
import { PolicyList } from './finance/PolicyList';

export default function Finance() {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="large" className="full-width">
      <PageHeading title={t('finance.heading')} intro={t('finance.intro')} />
      <Card size="small" title={<h2 className="card-title">{t('finance.policies')}</h2>}>
        <PolicyList />
      </Card>
      <Card size="small" title={<h2 className="card-title">{t('finance.pledges')}</h2>}>
        <PledgeList />
      </Card>
    </Space>
  );
}
