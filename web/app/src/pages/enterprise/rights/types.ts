// What the rights page reads of its enterprise.
import type { AnnualFee } from './urgency';

export interface Patent {
  readonly applicationNumber: string;
  readonly type: string;
  readonly pct: boolean;
  readonly title: string;
  readonly status: string;
  readonly filingDate: string;
  readonly grantDate: string | null;
  readonly protectionEndsOn: string;
  readonly annualFee: AnnualFee | null;
}

export interface Trademark {
  readonly registrationNumber: string;
  readonly mark: string;
  readonly niceClass: number;
  readonly registrationDate: string;
  readonly expiryDate: string;
}

export interface Copyright {
  readonly registrationNumber: string;
  readonly title: string;
  readonly kind: string;
  readonly registeredOn: string;
}

export interface FeeWarning {
  readonly dueDate: string;
  readonly state: string;
  readonly surchargePercent: number;
  readonly graceEndsOn: string | null;
  readonly patent: { readonly applicationNumber: string; readonly title: string };
}

export interface ExpiryWarning {
  readonly right: string;
  readonly number: string;
  readonly title: string;
  readonly expiresOn: string;
}

export interface Warnings<N> {
  readonly totalCount: number;
  readonly edges: readonly { readonly node: N }[];
}
