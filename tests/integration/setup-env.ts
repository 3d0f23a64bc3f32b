import { inject } from "vitest";

// Server modules read DATABASE_URL: point them at this run's fresh database.
process.env.DATABASE_URL = inject("databaseUrl");
