export default function CourtCases() {
  return null;
}
