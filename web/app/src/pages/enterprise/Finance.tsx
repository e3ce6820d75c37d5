export default function Finance() {
  return null;
}
