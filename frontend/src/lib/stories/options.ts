// The enumerations of a story (who sees it, where it is in its life, services, stages, age
// bands, primary needs, content warnings) and report reasons, each with its plain-English
// label. The values are the API's (issue 7's contract); the labels are what people read.
// `lib/api/stories.ts` checks the server's answers against these lists.

/** Who can read a story, narrowest first. */
export const VISIBILITIES = ['counted-only', 'members', 'public', 'federated'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Where a story is in its life. */
export const STORY_STATES = ['draft', 'pending', 'published', 'changes-requested', 'rejected', 'withdrawn'] as const;
export type StoryState = (typeof STORY_STATES)[number];

export const SERVICES = ['school', 'la-send', 'social-care', 'health', 'tribunal'] as const;
export type Service = (typeof SERVICES)[number];
/** A story names at most this many services. */
export const MAX_SERVICES = 5;

export const STAGES = [
  'before-assessment',
  'ehc-needs-assessment',
  'ehc-plan-drafting',
  'annual-review',
  'amendment',
  'tribunal-appeal',
  'early-help',
  'child-in-need',
  'child-protection',
  'other',
] as const;
export type Stage = (typeof STAGES)[number];

export const AGE_BANDS = ['0-4', '5-10', '11-15', '16-18', '19-25'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The Department for Education's SEN2 codes for a child's primary type of need. */
export const PRIMARY_NEEDS = ['ASD', 'HI', 'MLD', 'MSI', 'OTH', 'PD', 'PMLD', 'SEMH', 'SLCN', 'SLD', 'SPLD', 'VI', 'NSA'] as const;
export type PrimaryNeed = (typeof PRIMARY_NEEDS)[number];

export const CONTENT_WARNINGS = [
  'child-protection',
  'self-harm',
  'suicide',
  'restraint',
  'violence',
  'abuse',
  'police',
  'medical',
  'bereavement',
] as const;
export type ContentWarning = (typeof CONTENT_WARNINGS)[number];

/** Whose name a story goes out under. */
export const PSEUDONYM_MODES = ['fresh', 'forum-name'] as const;
export type PseudonymMode = (typeof PSEUDONYM_MODES)[number];

export const REPORT_REASONS = ['identifying', 'harmful', 'spam', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** The `area` of a story whose author would rather not say where it happened. */
export const AREA_NOT_SAID = 'not-said';

/** Limits the server holds to; the forms say them first. */
export const TITLE_MAX_CHARS = 140;
export const BODY_MAX_CHARS = 20_000;
export const REPLY_MAX_CHARS = 5_000;
export const NOTE_MAX_CHARS = 1_000;
export const MAX_TAGS = 12;
/** Periods start in this year. */
export const FIRST_YEAR = 1990;

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  'counted-only': 'Only counted',
  members: 'Members of this forum',
  public: 'Anyone',
  federated: 'Anyone, and partner forums',
};

/** What each choice means, in the words the composer shows beside it. */
export const VISIBILITY_EXPLANATIONS: Record<Visibility, string> = {
  'counted-only': 'Only the moderators read it. It is counted in the forum’s anonymous figures but never shown.',
  members: 'Signed-in members of this forum can read it.',
  public: 'Anyone can read it on this forum’s website.',
  federated: 'Anyone can read it here, and it is shared with partner forums.',
};

/** A story's state as its author reads it on "My stories". */
export const STATE_LABELS: Record<StoryState, string> = {
  draft: 'Draft',
  pending: 'Waiting for a moderator',
  published: 'Published',
  'changes-requested': 'Changes requested',
  rejected: 'Not published',
  withdrawn: 'Withdrawn',
};

export const SERVICE_LABELS: Record<Service, string> = {
  school: 'School or setting',
  'la-send': 'Local authority SEND team',
  'social-care': 'Social care',
  health: 'Health',
  tribunal: 'Tribunal',
};

export const STAGE_LABELS: Record<Stage, string> = {
  'before-assessment': 'Before any assessment',
  'ehc-needs-assessment': 'EHC needs assessment',
  'ehc-plan-drafting': 'EHC plan being drafted',
  'annual-review': 'Annual review',
  amendment: 'Amending a plan',
  'tribunal-appeal': 'Tribunal appeal',
  'early-help': 'Early help',
  'child-in-need': 'Child in need',
  'child-protection': 'Child protection',
  other: 'Something else',
};

export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  '0-4': '0 to 4 years',
  '5-10': '5 to 10 years',
  '11-15': '11 to 15 years',
  '16-18': '16 to 18 years',
  '19-25': '19 to 25 years',
};

export const PRIMARY_NEED_LABELS: Record<PrimaryNeed, string> = {
  ASD: 'Autistic spectrum disorder',
  HI: 'Hearing impairment',
  MLD: 'Moderate learning difficulty',
  MSI: 'Multi-sensory impairment',
  OTH: 'Other difficulty or disability',
  PD: 'Physical disability',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  SLD: 'Severe learning difficulty',
  SPLD: 'Specific learning difficulty',
  VI: 'Visual impairment',
  NSA: 'SEN support but no specialist assessment of type of need',
};

export const CONTENT_WARNING_LABELS: Record<ContentWarning, string> = {
  'child-protection': 'Child protection',
  'self-harm': 'Self-harm',
  suicide: 'Suicide',
  restraint: 'Restraint or seclusion',
  violence: 'Violence',
  abuse: 'Abuse',
  police: 'Police',
  medical: 'Medical treatment',
  bereavement: 'Bereavement',
};

export const PSEUDONYM_MODE_LABELS: Record<PseudonymMode, string> = {
  fresh: 'A new made-up name, just for this story',
  'forum-name': 'My forum name',
};

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  identifying: 'It could identify someone',
  harmful: 'It is harmful or abusive',
  spam: 'It is spam',
  other: 'Something else',
};

/** True when `value` is one of `values`: narrows a string from the server or a form. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** `{ value, label }` pairs in the list's order, for menus, radios and checkboxes. */
export function choicesOf<T extends string>(values: readonly T[], labels: Record<T, string>): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: labels[value] }));
}
