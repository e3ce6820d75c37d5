// The error codes in the schema: what a program generating types from it can switch on.
import { ERROR_CODES } from '../../platform/errors.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { errorCodeEnum } from '../common/shared-types.js';
import { builder } from './builder.js';

const ErrorCode = errorCodeEnum(builder);

builder.queryFields((t) => ({
  errorCodes: t.field({
    type: [ErrorCode],
    tag: calledBy('PUBLIC', ...ANY_ROLE),
    description: "Every code an error's extensions.code may carry; each value's description in the schema says what it means",
    resolve: () => [...ERROR_CODES],
  }),
}));
