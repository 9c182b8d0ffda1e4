import { Floor } from './floor';

// Rendered per request, as the app's pages are (its runtime config is read per request).
export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <main>
      <h1>bare Next.js page</h1>
      <Floor />
    </main>
  );
}
