// The registry: adding a rule is one file, one test, one line here.
import { misattribution } from './misattribution';
import { misquote } from './misquote';
import { missingCitation } from './missingCitation';
import { unmarkedQuotation } from './unmarkedQuotation';
import { unverifiedQuote } from './unverifiedQuote';
import { wrongSource } from './wrongSource';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [misquote, unverifiedQuote, misattribution, missingCitation, unmarkedQuotation, wrongSource];

export type { Rule, CheckedQuotation, RuleContext, ProseRun, ProseReport } from './types';
