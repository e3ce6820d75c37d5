// Registering enterprises and patents through the gateway, as the e2e tests set up their worlds.
import { gql, type GraphQLClient } from 'graphql-request';

import { today } from '../../platform/hub-calendar.js';
import { addYears } from '../../standards/calendar-date.js';
import { patentCheckDigit } from '../../standards/patent-number.js';

/** A valid application number: the filing year, the type digit, a serial, its check digit. */
export function applicationNumber(filingDate: string, type: '1' | '2' | '3', serial: number): string {
  const digits = `${filingDate.slice(0, 4)}${type}${String(serial).padStart(7, '0')}`;
  return `${digits}.${patentCheckDigit(digits)}`;
}

/** Registers an enterprise as centre staff; its id. */
export async function registerEnterprise(staff: GraphQLClient, input: { uscc: string; name: string; regionCode: string; industry: string }): Promise<string> {
  const { registerEnterprise } = await staff.request<{ registerEnterprise: { id: string } }>(
    gql`
      mutation ($input: RegisterEnterpriseInput!) {
        registerEnterprise(input: $input) {
          id
        }
      }
    `,
    { input },
  );
  return registerEnterprise.id;
}

/** Registers a patent (RegisterPatentInput); its canonical application number. */
export async function registerPatent(client: GraphQLClient, input: Record<string, unknown>): Promise<string> {
  const { registerPatent } = await client.request<{ registerPatent: { applicationNumber: string } }>(
    gql`
      mutation ($input: RegisterPatentInput!) {
        registerPatent(input: $input) {
          applicationNumber
        }
      }
    `,
    { input },
  );
  return registerPatent.applicationNumber;
}

/** Records a trademark registration as centre staff (RegisterTrademarkInput; goods default 计算机, registered a year ago); its number. */
export async function registerTrademark(
  staff: GraphQLClient,
  input: { enterpriseId: string; registrationNumber: string; mark: string; niceClass: number; goods?: string[]; registrationDate?: string },
): Promise<string> {
  const registrationDate = input.registrationDate ?? addYears(today(), -1);
  const { registerTrademark } = await staff.request<{ registerTrademark: { registrationNumber: string } }>(
    gql`
      mutation ($input: RegisterTrademarkInput!) {
        registerTrademark(input: $input) {
          registrationNumber
        }
      }
    `,
    { input: { goods: ['计算机'], ...input, registrationDate } },
  );
  return registerTrademark.registrationNumber;
}
