import type { Rule } from '../types.js';

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

// PyPI API tokens are macaroons: `pypi-` + base64url of the serialized macaroon. Its first bytes
// (version 2, location field, length 8, "pypi.org") always encode to `AgEIcHlwaS5vcmc`; on
// TestPyPI the location is "test.pypi.org", which encodes to `AgENdGVzdC5weXBpLm9yZw`.
const PYPI = 'pypi-AgEIcHlwaS5vcmc';
const TESTPYPI = 'pypi-AgENdGVzdC5weXBpLm9yZw';

export const pypiRules: Rule[] = [
  {
    id: 'pypi-upload-token',
    provider: 'PyPI',
    description: 'PyPI (or TestPyPI) API token',
    severity: 'high',
    keywords: [PYPI.toLowerCase(), TESTPYPI.toLowerCase()],
    pattern: `${B}(?<secret>(?:${PYPI}|${TESTPYPI})[A-Za-z0-9_-]{50,1000})${E}`,
    prefixes: [PYPI, TESTPYPI],
    validators: ['entropy'],
    minEntropy: 4.0,
    envVar: 'PYPI_API_TOKEN',
    samples: {
      truePositives: [
        'TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc{b64u:160}',
        'password = pypi-AgEIcHlwaS5vcmc{b64u:150}',
        '  UV_PUBLISH_TOKEN: "pypi-AgEIcHlwaS5vcmc{b64u:170}"',
        'twine upload -u __token__ -p pypi-AgENdGVzdC5weXBpLm9yZw{b64u:160} dist/*',
      ],
      falsePositives: [
        'The upload token (pypi-AgEIcHlwaS5vcmc…) goes in ~/.pypirc.',
        '  password: ${{ secrets.PYPI_API_TOKEN }}',
        'fixture: pypi-AgEIcHlwaS5vcmc{b64u:30}',
        'token = os.environ["PYPI_API_TOKEN"]',
        'Tokens start with pypi-AgEIcHlwaS5vcmc, the base64 of the macaroon header.',
      ],
    },
  },
];
