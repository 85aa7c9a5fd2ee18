// The registry: adding a rule is one file, one test, one line here.
import { bibliographyProblem } from './bibliographyProblem';
import { misattribution } from './misattribution';
import { misquote } from './misquote';
import { missingCitation } from './missingCitation';
import { unmarkedQuotation } from './unmarkedQuotation';
import { partlyVerified } from './partlyVerified';
import { unknownCitationKey } from './unknownCitationKey';
import { unverifiedQuote } from './unverifiedQuote';
import { wrongLocator } from './wrongLocator';
import { wrongSource } from './wrongSource';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [misquote, unverifiedQuote, misattribution, missingCitation, wrongLocator, partlyVerified, unmarkedQuotation, wrongSource, unknownCitationKey, bibliographyProblem];

export type { Rule, RuleCode, CheckedQuotation, RuleContext, ProseRun, ProseReport, DocumentInput } from './types';
