export function DemoClock() {
  return null;
}
