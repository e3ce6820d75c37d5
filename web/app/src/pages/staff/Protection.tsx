export default function Protection() {
  return null;
}
