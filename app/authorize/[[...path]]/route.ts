import { serveDemoEmulator } from "@/lib/demo/emulator";

export const dynamic = "force-dynamic";

// Demo mode's Finch Connect page: react-connect opens `${connectUrl}/authorize?session=…`.
export const GET = serveDemoEmulator;
export const POST = serveDemoEmulator;
