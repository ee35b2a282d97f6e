// Property tests draw from one fixed seed so CI is repeatable; FC_SEED=<n> (or FC_SEED=random)
// explores other inputs locally. A failure prints its seed and path for fast-check's replay.
import fc from 'fast-check';

const requested = process.env.FC_SEED;
const seed =
  requested === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(requested || 20261130);
fc.configureGlobal({ seed });
