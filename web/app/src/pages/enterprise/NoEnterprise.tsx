import { Alert } from 'antd';

import { useI18n } from '../../i18n';

/** Said when the account names no enterprise, or one the hub does not know. */
export function NoEnterprise() {
  const { t } = useI18n();
  return <Alert type="warning" showIcon title={t('portal.noEnterprise')} />;
}
