import type { Metadata } from "next";
import Link from "next/link";
import { SiteNav } from "./_components/site-nav";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "darkflight", template: "%s · darkflight" },
  description: "Unscheduled, dark and detouring flights found in ADS-B data, reviewed by analysts.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <div className="inner">
            <Link href="/" className="brand">
              darkflight
            </Link>
            <SiteNav />
          </div>
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          ADS-B data is incomplete: a gap in a track is not proof that a transponder was switched off.
        </footer>
      </body>
    </html>
  );
}
