/** Words for the demo issues: enough variety that searches and rules have something to find. */
import type { Random } from './random.js';

const SUBJECTS: Readonly<Record<string, readonly string[]>> = {
  RF: [
    'rule editor', 'JSON-Logic validator', 'execution log', 'admin page', 'schedule picker', 'JQL preview',
    'dry-run panel', 'label editor', 'transition action', 'rate limiter', 'audit export', 'permission check',
  ],
  OPS: [
    'checkout service', 'payment gateway', 'login service', 'nightly backup', 'VPN gateway', 'mail relay',
    'search cluster', 'CDN edge', 'invoice batch', 'status page', 'SSO provider', 'message queue',
  ],
  MKT: [
    'spring campaign', 'product newsletter', 'launch blog post', 'webinar landing page', 'case study',
    'conference booth', 'pricing page copy', 'social media calendar', 'partner announcement', 'demo video',
  ],
};

const TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  Story: ['Add undo to the {s}', 'Let admins export the {s}', 'Show a preview in the {s}', 'Support keyboard navigation in the {s}'],
  Task: ['Update the {s}', 'Review the {s}', 'Clean up the {s}', 'Prepare the {s}', 'Document the {s}'],
  Bug: ['The {s} crashes on empty input', 'Login fails after using the {s}', 'The {s} shows stale data', 'Typo in the {s}'],
  Incident: ['{S} is down', '{S} returns 502 errors', '{S} is slow for EU users', 'Certificate expired on the {s}', '{S} queue backlog growing'],
};

const DETAILS = [
  'Steps to reproduce are in the linked thread.',
  'Customers noticed this first thing in the morning.',
  'Seen on production and staging.',
  'This blocks the next release.',
  'Low risk, but it annoys everyone.',
  'Needs a decision from the product owner.',
];

const REMARKS = [
  'I can reproduce this.', 'Looking into it now.', 'Fixed on staging, please verify.', 'Any update on this?',
  'Waiting for the customer to confirm.', 'This is a duplicate of an older report, I think.', 'Deployed the fix.',
  'Can we lower the priority?', 'Added logs from the last run.',
];

export const CUSTOMERS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Retail'];

export const LABELS = [
  'backend', 'frontend', 'api', 'performance', 'security', 'customer', 'regression', 'triage', 'needs-info',
  'tech-debt', 'docs', 'urgent', 'q3', 'design',
];

export function summaryFor(random: Random, projectKey: string, issueType: string): string {
  const subject = random.pick(SUBJECTS[projectKey] ?? SUBJECTS.RF ?? []);
  const template = random.pick(TEMPLATES[issueType] ?? TEMPLATES.Task ?? []);
  return template.replace('{s}', subject).replace('{S}', subject.charAt(0).toUpperCase() + subject.slice(1));
}

export function descriptionFor(random: Random, summary: string): string {
  return `${summary}.\n${random.pick(DETAILS)}`;
}

export function remark(random: Random): string {
  return random.pick(REMARKS);
}
