// The registry: adding a rule is one file, one test, one line here.
import { misquote } from './misquote';
import { unverifiedQuote } from './unverifiedQuote';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [misquote, unverifiedQuote];

export type { Rule, CheckedQuotation, RuleContext } from './types';
