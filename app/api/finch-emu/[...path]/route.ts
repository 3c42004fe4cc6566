import { serveDemoEmulator } from "@/lib/demo/emulator";

export const dynamic = "force-dynamic";

// Demo mode's built-in Finch: the whole emulator API (and its control surface) under this prefix.
export const GET = serveDemoEmulator;
export const POST = serveDemoEmulator;
export const PUT = serveDemoEmulator;
export const PATCH = serveDemoEmulator;
export const DELETE = serveDemoEmulator;
