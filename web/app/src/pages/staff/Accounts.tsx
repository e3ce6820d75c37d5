export default function Accounts() {
  return null;
}
