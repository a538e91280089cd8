import { describeGuide } from './guide-suite.js';

describeGuide('identity-and-quotas.md');
