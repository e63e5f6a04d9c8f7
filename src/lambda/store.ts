// THE ONLY MODULE IN drready THAT WRITES TO AWS. It writes the reports (and Step Functions' per-account
// parts) to the report bucket, and publishes to the notification topic; nothing else. Every other
// AWS call in src/ is a read (List/Get/Describe, GetCallerIdentity, AssumeRole).
// Write commands used here: s3 PutObject, s3 CopyObject, sns Publish.
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

export interface StoredFile {
  name: string;
  body: string;
  contentType: string;
}

export class ReportStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
    private readonly sns?: SNSClient,
    readonly topicArn?: string,
  ) {}

  /** Writes new objects only: `If-None-Match: *` makes S3 refuse to replace an existing key. */
  async putNew(key: string, file: Omit<StoredFile, 'name'>): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: file.body, ContentType: file.contentType, IfNoneMatch: '*' }));
  }

  /** `latest/` is the one place that is replaced on purpose: a copy of the run's own objects. */
  async copy(fromKey: string, toKey: string, contentType: string): Promise<void> {
    await this.s3.send(
      new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: `${this.bucket}/${encodeKey(fromKey)}`, ContentType: contentType, MetadataDirective: 'REPLACE' }),
    );
  }

  /** Reads an object's text; `undefined` when there is none (the first run has no `latest/`). */
  async getText(key: string, bucket = this.bucket): Promise<string | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return await out.Body!.transformToString('utf-8');
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
      throw e;
    }
  }

  async notify(subject: string, message: string): Promise<boolean> {
    if (!this.sns || !this.topicArn) return false;
    await this.sns.send(new PublishCommand({ TopicArn: this.topicArn, Subject: subject.slice(0, 100), Message: message }));
    return true;
  }
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
