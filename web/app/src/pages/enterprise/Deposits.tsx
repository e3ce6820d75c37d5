export default function Deposits() {
  return null;
}
