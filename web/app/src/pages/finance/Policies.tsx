export default function Policies() {
  return null;
}
