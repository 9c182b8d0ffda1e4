// No CSS, no fonts, no providers: only what every App Router page has.
export const metadata = { title: 'bare Next.js page' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
