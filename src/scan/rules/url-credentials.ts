// Credentials written into a connection URL: `scheme://user:password@host`. The secret is the
// password only; the user name and host stay visible so the reviewer knows which account leaked.
import type { Rule } from '../types.js';

// Any URL scheme, with an optional driver suffix: postgres, postgresql+psycopg2, mysql,
// mongodb+srv, rediss, amqps, https, ftp, smtp, jdbc:sqlserver (the `jdbc:` is left outside).
const SCHEME = '(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9]{1,19}(?:\\+[A-Za-z0-9]{1,19})?';
// A user name: may be empty (`redis://:pass@host`), never spans `/`, `:`, `@`, quotes or space.
const USER = `(?<user>[^\\s:/?#@'"\\x60<>\\\\]{0,64})`;
// The password: up to 128 characters that a URL userinfo can hold unescaped.
const PASSWORD = `(?<secret>[^\\s:/?#@'"\\x60<>\\\\]{1,128})`;
// Documentation hosts: a password written for example.com (or the RFC 2606 `.example` and
// `.invalid` names, or the stock `company.com` / `domain.com` of docs) is a sample, not a leak.
const DOC_HOST =
  '(?:(?:example|company|mycompany|yourcompany|domain|mydomain|yourdomain)\\.(?:com|org|net)|[\\w-]+\\.(?:example|invalid))';
const HOST = `(?=[\\w\\[$%{.-])(?![\\w.-]{0,200}?(?<![\\w-])${DOC_HOST}(?![\\w.-]))`;

export const urlCredentialsRules: Rule[] = [
  {
    id: 'url-credentials',
    provider: 'Connection URL',
    description: 'Password in a connection URL (scheme://user:password@host)',
    severity: 'medium',
    keywords: ['://'],
    // `(?!\k<user>@)`: `postgres:postgres@`, `guest:guest@` are the stock defaults of local
    // containers, not chosen secrets.
    pattern: `${SCHEME}://${USER}:(?!\\k<user>@)${PASSWORD}@${HOST}`,
    validators: ['url-password'],
    envVar: 'DATABASE_URL',
    samples: {
      truePositives: [
        'DATABASE_URL=postgres://app:{alnum:20}@db.internal:5432/app',
        'client = MongoClient("mongodb+srv://admin:{alnum:16}@cluster0.{lownum:5}.mongodb.net/?retryWrites=true")',
        '  url: redis://:{alnum:24}@cache.internal:6379/0',
        "const broker = 'amqps://svc:{b64u:18}@broker.internal/vhost';",
        'SQLALCHEMY_DATABASE_URI = "mysql+pymysql://root:{alnum:14}@10.0.0.5/shop"',
        'git clone https://deploy:{alnum:20}@git.internal.corp/team/repo.git',
        'jdbc.url=jdbc:sqlserver://sa:{alnum:12}@sql.internal:1433',
      ],
      falsePositives: [
        'DATABASE_URL=postgres://user:${DB_PASSWORD}@localhost:5432/app',
        'DATABASE_URL=postgres://user:$DB_PASSWORD@localhost/app',
        'url = "mysql://root:password@localhost/test"',
        'MONGO_URL=mongodb://user:****@host:27017',
        'REDIS_URL=redis://user:<password>@host:6379',
        'AMQP_URL=amqp://guest:@localhost',
        'url = f"postgres://{user}:{password}@{host}/{db}"',
        'clone_url = "https://x-access-token:ghp_{token}@github.com/org/repo.git"',
        'url = "postgresql://%s:%s@%s/%s" % (user, pw, host, db)',
        'DATABASE_URL=postgres://postgres:postgres@localhost:5432/postgres',
        'curl https://user:{alnum:12}@example.com/private',
        'pip install --index-url https://user:{alnum:12}@pypi.company.com/simple pkg',
        'See https://github.com/org/repo and mail me at someone@host.com',
        'proxy: http://user:YOUR_PASSWORD@proxy:3128',
      ],
    },
  },
];
