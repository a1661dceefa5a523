import type { KbArticleConfig, TriageRuleConfig, VendorConfig } from '../config-types.js';
import type { Level } from '../levels.js';
import type { Priority } from '../priority.js';

/** An inbound mail as the classifier sees it. */
export interface ClassifyInput {
  subject: string;
  body: string;
  from?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** The classifier's decision about one mail. */
export interface Classification {
  level: Level;
  category: string;
  /** ISO 639-1 code, or 'und' when undecidable. */
  language: string;
  /** 0..1. */
  confidence: number;
  /** Ids of the best 1–3 KB articles; empty when none match. */
  kb: string[];
  /** Vendor id when the level is 4 and a vendor topic matches. */
  vendor: string | null;
  priority: Priority;
  /** True when a person should check the level (low confidence, unsupported language, empty mail). */
  needsTriage: boolean;
  /** Which rules and words matched and why this level, for the agent. */
  explanation: string[];
}

/** Everything the classifier needs from the config. */
export interface ClassifierOptions {
  rules: TriageRuleConfig[];
  vendors: VendorConfig[];
  kb: KbArticleConfig[];
  /** Below this confidence the mail goes to level 1 with needsTriage. */
  minConfidence?: number;
}

/** The wire shape of CONTRACT §8 (`tierdesk classify`), keys in contract order. */
export interface ContractClassification {
  level: Level;
  category: string;
  language: string;
  confidence: number;
  kb: string[];
  vendor: string | null;
}
