export default function Pledges() {
  return null;
}
